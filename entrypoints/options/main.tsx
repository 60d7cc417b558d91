import { render } from 'preact';
import '@/assets/options.css';
import { App } from '@/entrypoints/options/App';

const root = document.getElementById('app');
if (root) render(<App />, root);
