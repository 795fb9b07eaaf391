import { Card } from 'antd';
import { Link } from 'react-router';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { formatWanNumber, noWrap } from '../../../lib/format';
import { ListTable, pageParams, pageQuery, useListTableProps } from '../../../lib/listTable';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { ListStatusTag } from '../common/status';
import type { ListItem } from '../common/types';

const KEYS = ['page', 'pageSize'] as const;

/** 榜单论证: the lists the bureau sent to expert review, for the expert's opinion. */
export default function ReviewQueue() {
  const { t } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const list = useAsync(
    (signal) => http.get<Paged<ListItem>>('/api/challenges/lists/reviews', { page, pageSize }, { signal }),
    [page, pageSize],
  );
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter: false,
    reset,
    emptyText: t('creview.empty'),
    emptyFilteredText: t('creview.empty'),
  });
  return (
    <>
      <PageHeader
        title={t('nav.listReviews')}
        crumbs={[{ title: t('nav.listReviews') }]}
        subTitle={t('creview.lead')}
      />
      <Card>
        <ListTable<ListItem>
          list={list}
          {...tableProps}
          scroll={{ x: 900 }}
          onChange={(p) => update(pageQuery(p, 20))}
          columns={[
            { title: t('hall.code'), dataIndex: 'code', onCell: noWrap },
            {
              title: t('hall.name'),
              dataIndex: 'title',
              render: (v, r) => <Link to={`/challenge-review/${r.id}`}>{v}</Link>,
            },
            { title: t('hall.direction'), dataIndex: 'directionName' },
            { title: t('hall.issuer'), dataIndex: 'organisationName' },
            {
              title: t('hall.investment'),
              dataIndex: 'enterpriseInvestmentFen',
              align: 'right',
              onCell: noWrap,
              render: (v: number) => t('money.wan', { n: formatWanNumber(v) }),
            },
            { title: t('hall.status'), dataIndex: 'status', render: (s) => <ListStatusTag status={s} /> },
          ]}
        />
      </Card>
    </>
  );
}
