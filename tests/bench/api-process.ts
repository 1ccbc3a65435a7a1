/** The local API alone in its own process (for the HTTP load benchmark); env set by the parent. */
import { startApiServer } from '../../infra/local/api-server';

void startApiServer({ port: 0 }).then((api) => {
  process.stdout.write(`API ${api.url}\n`);
});
