import type { PropsWithChildren } from 'react';
import { startPrivacyFlow } from './services/privacy';
import './app.css';

// weapp: every privacy API or component that needs the user's agreement shows our popup.
startPrivacyFlow();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
