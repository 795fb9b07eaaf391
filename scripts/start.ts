/**
 * `npm start`: build the web app when the build is missing or older than its sources, then start
 * the platform. A later start with an up-to-date build skips straight to the server.
 */
import { buildWeb, webBuildState } from './web-build.js';

const state = webBuildState();
if (state !== 'fresh') {
  console.log(
    state === 'stale'
      ? '网页已过期，正在重新构建 / Web build is stale, rebuilding…'
      : '首次启动，正在构建网页 / First start: building the web app…',
  );
  const seconds = await buildWeb();
  console.log(`网页构建完成 / Web app built in ${seconds.toFixed(1)} s`);
}
const { main } = await import('../src/server/main.js');
await main();
