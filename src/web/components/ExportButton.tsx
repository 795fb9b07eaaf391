import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { toQueryString } from '../api/client';
import { useI18n } from '../i18n';

/** CSV or Excel of what a list's filters show: the export endpoint takes the same query. */
export function ExportButton({
  path,
  filters,
  testId = 'booking-export',
  hint,
}: {
  path: string;
  filters: Record<string, string | number | undefined>;
  testId?: string;
  /** What the export holds; the booking lists' wording by default. */
  hint?: string;
}) {
  const { t } = useI18n();
  const href = (format: 'csv' | 'xlsx') => `${path}${toQueryString({ ...filters, format })}`;
  return (
    <Dropdown
      menu={{
        items: [
          {
            key: 'csv',
            label: (
              <a href={href('csv')} download data-testid="export-csv">
                {t('export.csv')}
              </a>
            ),
          },
          {
            key: 'xlsx',
            label: (
              <a href={href('xlsx')} download data-testid="export-xlsx">
                {t('export.xlsx')}
              </a>
            ),
          },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} title={hint ?? t('export.hint')} data-testid={testId}>
        {t('export.label')}
      </Button>
    </Dropdown>
  );
}
