import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ResidentApp } from './ResidentApp.tsx';
import { createResidentApi } from './resident-api.ts';
import { DraftStore, findWebStorage } from './resident-storage.ts';
import { tokenFromPath } from './token.ts';
import './resident.css';

// The residents' entry (resident.html, served for /r/<token>). It registers no service worker
// and opens no IndexedDB: a resident's phone downloads this page and nothing of the collectors' app.

function webStorageScope() {
  // Reading window.localStorage itself throws in some locked-down webviews.
  const scope: { localStorage?: Storage; sessionStorage?: Storage } = {};
  try {
    scope.localStorage = window.localStorage;
  } catch {}
  try {
    scope.sessionStorage = window.sessionStorage;
  } catch {}
  return scope;
}

const root = document.getElementById('root');
if (!root) throw new Error('resident.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ResidentApp
      token={tokenFromPath(location.pathname)}
      api={createResidentApi()}
      store={new DraftStore(findWebStorage(webStorageScope()))}
    />
  </StrictMode>,
);
