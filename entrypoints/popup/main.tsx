import { render } from 'preact';
import '@/assets/popup.css';
import { App } from '@/entrypoints/popup/App';

const root = document.getElementById('app');
if (root) render(<App />, root);
