import { render } from 'preact';
import '@/assets/popup.css';
import { App } from './App';

const root = document.getElementById('app');
if (root) render(<App />, root);
