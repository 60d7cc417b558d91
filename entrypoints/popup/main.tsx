import { render } from 'preact';
import '@/assets/popup.css';
import { browserApi } from '@/components/Api/api';
import { askTeamLinksEarly } from '@/components/Popup/TeamLinks';
import { App } from '@/entrypoints/popup/App';

// The charter links are on their way before the first render.
askTeamLinksEarly(browserApi);
const root = document.getElementById('app');
if (root) render(<App />, root);
