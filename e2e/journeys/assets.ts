/** Asset-register journeys: import with column mapping, preview, commit, report, reconciliation to-do. */
/// <reference lib="dom" />

import { type Ctx, MANAGER, newPage, OFFICER, pickSelect, shot, signIn } from '../lib.js';

/**
 * (g) The university's instrument manager imports a small CSV from the finance system whose asset
 * number column has a header no alias knows (卡片号), maps it by hand, previews (one new card, one
 * row with a bad date), commits, reads the report, then opens the reconciliation to-do list, where
 * the demo's planted 应入未入 cards wait, and explains one of them.
 */
export async function assetImportJourney(ctx: Ctx): Promise<void> {
  const page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, MANAGER);
  await page.goto(`${ctx.url}/assets/imports`);
  await page.getByRole('heading', { name: '资产卡片导入' }).waitFor();
  await page.getByTestId('asset-import-new').click();
  await page.getByRole('heading', { name: '导入资产卡片' }).waitFor();

  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const csv = [
    '资产卡片导出（财务资产管理系统）,,,,',
    '卡片号,资产名称,账面原值（元）,取得日期,使用状态',
    `E2E-${suffix}-1,激光粒度分析仪,"468,000.00",2026-09-01,在用`,
    `E2E-${suffix}-2,离心机,12000,2026-02-30,在用`,
  ].join('\r\n');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '资产卡片.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
  await page.getByText('表头所在行').waitFor();
  await page.getByText('请为必填字段选择对应的列：资产编号').waitFor();
  await pickSelect(page, '“资产编号”对应的列', '卡片号');
  await page.getByText(`E2E-${suffix}-1`).first().waitFor();
  await shot(page, '20-asset-mapping', true);

  await page.getByTestId('asset-preview').click();
  await page.getByText('预览结果（共 2 行），尚未写入任何数据。').waitFor();
  await page.getByTestId('preview-inserted').getByText('1').waitFor();
  await page.getByTestId('preview-failed').getByText('1').waitFor();
  await page.getByText('日期').first().waitFor();
  await shot(page, '21-asset-preview', true);

  await page.getByTestId('asset-commit').click();
  await page.getByRole('heading', { name: /导入报告/ }).waitFor();
  await page.getByTestId('errors-csv').waitFor();
  await page.getByRole('tab', { name: /新增和变更/ }).click();
  await page.getByText('激光粒度分析仪').waitFor();
  await shot(page, '22-asset-report', true);

  await page.getByRole('button', { name: '查看账实核对待办' }).click();
  await page.getByRole('heading', { name: '账实核对待办' }).waitFor();
  const row = page.getByTestId('recon-table').locator('tr', { hasText: `E2E-${suffix}-1` });
  await row.waitFor();
  await page.getByTestId('recon-table').getByText('场发射透射电子显微镜').waitFor();
  await shot(page, '23-reconciliation-todo', true);

  // "List this instrument" opens the instrument form filled from the asset card.
  await page.getByTestId('list-ZC-2026-9002').click();
  const form = page.getByRole('dialog');
  await form.getByLabel('仪器名称').waitFor();
  const name = await form.getByLabel('仪器名称').inputValue();
  if (name !== '400MHz 核磁共振波谱仪') throw new Error(`the form was not filled from the card: ${name}`);
  await shot(page, '23b-reconciliation-list-prefilled');
  await form.getByRole('button', { name: /取\s*消/ }).click();
  await form.waitFor({ state: 'hidden' });

  await page.getByTestId(`dismiss-E2E-${suffix}-1`).click();
  await page.getByRole('dialog').getByText('说明原因并关闭').waitFor();
  await page.getByTestId('dismiss-note').fill('实验室内部教学专用，不对外共享');
  await shot(page, '24-reconciliation-explain');
  await page.getByRole('button', { name: '提交说明' }).click();
  await page.getByText('已记录说明，该事项已关闭').waitFor();
  await row.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: /已说明/ }).click();
  await page.getByText('实验室内部教学专用，不对外共享').waitFor();
  await shot(page, '25-reconciliation-explained', true);
  await page.close();

  // The bureau officer sees the whole region's to-do list, organisation by organisation.
  const officer = await newPage(ctx, { signedOut: true });
  await signIn(ctx, officer, OFFICER);
  await officer.goto(`${ctx.url}/assets/reconciliation`);
  await officer.getByRole('heading', { name: '账实核对待办' }).waitFor();
  await officer.getByTestId('recon-table').getByText('桥式三坐标测量机').waitFor();
  await officer.getByLabel('单位').waitFor();
  await shot(officer, '26-reconciliation-region', true);
  await officer.close();
}
