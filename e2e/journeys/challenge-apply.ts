/** 揭榜 applications-side screens, each role in its own workspace. */
/// <reference lib="dom" />

import { type Ctx, ENTERPRISE, nav, newPage, OFFICER, shot, signIn } from '../lib.js';

/**
 * The solver workspace (with the application form open), the officer's screening desk, the expert's
 * review tasks and the contracts page, as each role reaches them from the left navigation. The full
 * path from application to a paid tranche is covered by the route tests; the browser journey over it
 * needs a published list from the challenges side's demo data (see the report).
 */
export async function challengeApplyScreens(ctx: Ctx): Promise<void> {
  let page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, ENTERPRISE);
  await nav(page).getByRole('link', { name: '我的揭榜' }).click();
  await page.getByRole('heading', { name: '我的揭榜' }).waitFor();
  await shot(page, 'chalapply-01-solver-workspace');
  await page.goto(`${ctx.url}/challenges/apply/mine?listId=00000000-0000-4000-8000-000000000000`);
  await page.getByText('科研诚信承诺书').waitFor();
  await shot(page, 'chalapply-02-application-form', true);
  await page.close();

  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, OFFICER);
  await nav(page).getByRole('link', { name: '揭榜审查与遴选' }).click();
  await page.getByText('请输入榜单 ID 后查看其申报').waitFor();
  await shot(page, 'chalapply-03-officer-screening');
  await nav(page).getByRole('link', { name: '揭榜合同与补助' }).click();
  await page.getByRole('heading', { name: '揭榜合同与补助' }).waitFor();
  await shot(page, 'chalapply-04-contracts');
  await page.close();

  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, 'expert@demo.kechuang.cn');
  await nav(page).getByRole('link', { name: '揭榜评审' }).click();
  await page.getByText('暂无评审任务。').first().waitFor();
  await shot(page, 'chalapply-05-expert-reviews');
  await page.close();
}
