import { render } from 'preact';
import '@/assets/popup.css';
import { browserApi } from '@/components/Api/api';
import { askTeamLinksEarly } from '@/components/Popup/TeamLinks';
import { App } from '@/entrypoints/popup/App';
import { takeEarlyTeamLinks } from '@/utils/popup-early';

// The charter links are on their way before the first render: asked by the early script
// (public/popup-early.js) before these modules loaded, or now.
const answered = askTeamLinksEarly(
  browserApi,
  takeEarlyTeamLinks(globalThis as unknown as Record<string, unknown>),
);
// After a browser start the early answer is usually in by now: the first render then draws the
// links. Otherwise the popup renders after one task and draws them when they come.
const root = document.getElementById('app');
const task = new Promise((resolve) => setTimeout(resolve, 0));
if (root) void Promise.race([answered, task]).then(() => render(<App />, root));
