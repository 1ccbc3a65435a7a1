import type { PropsWithChildren } from 'react';
import { markDocument } from './services/care';
import { startPrivacyFlow } from './services/privacy';
import './app.css';

// weapp: every privacy API or component that needs the user's agreement shows our popup.
startPrivacyFlow();
// H5: the tab bar and dialogs (outside the pages) follow 关怀模式 too.
markDocument();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
