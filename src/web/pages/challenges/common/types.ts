/** Types of the 揭榜挂帅 screens, inferred from the shared schemas the server validates with. */
import type { z } from 'zod';
import type {
  batchView,
  challengeWorkspace,
  duplicateView,
  funnelView,
  listDetail,
  listListItem,
  needDetail,
  needInput,
  needListItem,
} from '../../../../shared/api/challenges';

export type Batch = z.infer<typeof batchView>;
export type NeedItem = z.infer<typeof needListItem>;
export type NeedDetail = z.infer<typeof needDetail>;
export type NeedInput = z.input<typeof needInput>;
export type Duplicate = z.infer<typeof duplicateView>;
export type ListItem = z.infer<typeof listListItem>;
export type ListDetail = z.infer<typeof listDetail>;
export type Funnel = z.infer<typeof funnelView>;
export type Workspace = z.infer<typeof challengeWorkspace>;
export type Indicator = NeedDetail['indicators'][number];
