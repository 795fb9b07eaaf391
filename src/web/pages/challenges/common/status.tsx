import { Steps, type StepsProps, Tag } from 'antd';
import {
  type ListStatus,
  listStatusLabels,
  type NeedStatus,
  needStatusLabels,
} from '../../../../shared/api/challenges';
import type { StatusEvent } from '../../../components/StatusTimeline';
import { type MessageKey, useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';

type StepItem = NonNullable<StepsProps['items']>[number];

const needColours: Record<NeedStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  screening: 'blue',
  accepted: 'success',
  returned: 'warning',
  rejected: 'error',
  merged: 'purple',
};
const listColours: Record<ListStatus, string> = {
  drafting: 'default',
  in_review: 'processing',
  approved: 'cyan',
  published: 'blue',
  selecting: 'geekblue',
  publicised: 'gold',
  taken: 'success',
  unclaimed: 'volcano',
  withdrawn: 'default',
};

/** Timeline dot colours of the need and list histories. */
export const timelineColours: Record<string, string> = {
  accepted: 'green',
  approved: 'green',
  published: 'green',
  taken: 'green',
  returned: 'orange',
  rejected: 'red',
  merged: 'purple',
  unclaimed: 'red',
  withdrawn: 'gray',
};

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { label } = useI18n();
  return <Tag color={needColours[status]}>{label(needStatusLabels[status])}</Tag>;
}

export function ListStatusTag({ status }: { status: ListStatus }) {
  const { label } = useI18n();
  return <Tag color={listColours[status]}>{label(listStatusLabels[status])}</Tag>;
}

/** Status words of needs and lists together, for timelines (a list's history never names a need status). */
export function useStatusText() {
  const { label } = useI18n();
  return (s: string) => {
    if (s in needStatusLabels) return label(needStatusLabels[s as NeedStatus]);
    if (s in listStatusLabels) return label(listStatusLabels[s as ListStatus]);
    return s;
  };
}

/**
 * A lifecycle as Steps: the main path, with the current status "in process" and who acts next,
 * or a terminal status shown as an error where it interrupted the path.
 */
function LifecycleSteps<S extends string>({
  main,
  status,
  events,
  text,
  next,
  terminalKind,
  testId,
}: {
  main: S[];
  status: S;
  events: StatusEvent[];
  text: (s: S) => string;
  next: Partial<Record<S, MessageKey>>;
  terminalKind: Partial<Record<S, 'error' | 'finish'>>;
  testId: string;
}) {
  const { t } = useI18n();
  const reachedAt = new Map<string, string>();
  for (const e of events) reachedAt.set(e.toStatus, e.at);
  const nextText = (s: S) => (next[s] ? t(next[s] as MessageKey) : '');
  const kind = terminalKind[status];
  if (kind) {
    const reached = main.reduce((acc, s, i) => (reachedAt.has(s) ? i : acc), 0);
    const reason = [...events].reverse().find((e) => e.toStatus === status)?.reason;
    const items: StepItem[] = [
      ...main.slice(0, reached + 1).map((s) => ({
        title: text(s),
        content: formatDateTime(reachedAt.get(s)),
        status: 'finish' as const,
      })),
      {
        title: text(status),
        content: [nextText(status), reason ? t('org.step.reason', { reason }) : ''].filter(Boolean).join(' '),
        status: kind,
      },
    ];
    return <Steps current={items.length - 1} items={items} data-testid={testId} responsive />;
  }
  const current = Math.max(0, main.indexOf(status));
  const last = current === main.length - 1;
  const items: StepItem[] = main.map((s, i) => {
    if (i < current) return { title: text(s), content: formatDateTime(reachedAt.get(s)), status: 'finish' };
    if (i === current)
      return {
        title: text(s),
        content: last ? formatDateTime(reachedAt.get(s)) : nextText(s),
        status: last ? 'finish' : 'process',
      };
    return { title: text(s), status: 'wait' };
  });
  return <Steps current={current} items={items} data-testid={testId} responsive />;
}

const NEED_MAIN: NeedStatus[] = ['draft', 'submitted', 'screening', 'accepted'];

export function NeedSteps({ status, events }: { status: NeedStatus; events: StatusEvent[] }) {
  const { label } = useI18n();
  return (
    <LifecycleSteps<NeedStatus>
      main={NEED_MAIN}
      status={status}
      events={events}
      text={(s) => label(needStatusLabels[s])}
      next={{
        draft: 'need.next.draft',
        submitted: 'need.next.submitted',
        screening: 'need.next.screening',
        returned: 'need.next.returned',
        rejected: 'need.next.rejected',
        merged: 'need.next.merged',
      }}
      terminalKind={{ returned: 'error', rejected: 'error', merged: 'finish' }}
      testId="need-steps"
    />
  );
}

const LIST_MAIN: ListStatus[] = ['drafting', 'in_review', 'approved', 'published', 'selecting', 'publicised', 'taken'];

export function ListSteps({ status, events }: { status: ListStatus; events: StatusEvent[] }) {
  const { label } = useI18n();
  return (
    <LifecycleSteps<ListStatus>
      main={LIST_MAIN}
      status={status}
      events={events}
      text={(s) => label(listStatusLabels[s])}
      next={{
        drafting: 'clist.next.drafting',
        in_review: 'clist.next.in_review',
        approved: 'clist.next.approved',
        published: 'clist.next.published',
        selecting: 'clist.next.selecting',
        publicised: 'clist.next.publicised',
        unclaimed: 'clist.next.unclaimed',
        withdrawn: 'clist.next.withdrawn',
      }}
      terminalKind={{ unclaimed: 'error', withdrawn: 'error' }}
      testId="list-steps"
    />
  );
}
