import { render } from 'preact';
import '@/assets/options.css';
import { App } from './App';

const root = document.getElementById('app');
if (root) render(<App />, root);
