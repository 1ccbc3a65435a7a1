import type { PropsWithChildren } from 'react';
import { markDocument } from './services/care';
import { loginWithWeChat } from './services/auth';
import { startPrivacyFlow } from './services/privacy';
import { setSessionRenewer } from './services/request';
import { signedOut } from './services/session';
import './app.css';

// weapp: every privacy API or component that needs the user's agreement shows our popup.
startPrivacyFlow();
// weapp: a call that needs a session signs in silently first (not after the person signed out).
if (process.env.TARO_ENV === 'weapp') setSessionRenewer(() => (signedOut() ? Promise.resolve() : loginWithWeChat()));
// H5: the tab bar and dialogs (outside the pages) follow 关怀模式 too.
markDocument();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
