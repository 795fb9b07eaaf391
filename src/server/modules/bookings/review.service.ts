import type { OrganisationType } from '../../../shared/roles.js';
import { AppError } from '../../lib/errors.js';
import type { InstrumentRepository } from '../instruments/instrument.repository.js';
import type { ReviewRepository } from './review.repository.js';

/** The public reviews of an instrument: the average, how the stars fall, and the latest comments. */
export function createReviewService(deps: {
  reviews: ReviewRepository;
  instruments: Pick<InstrumentRepository, 'findById'>;
}) {
  return {
    async forInstrument(instrumentId: string, page: number, pageSize: number, withComment: boolean) {
      if (!(await deps.instruments.findById(instrumentId))) throw new AppError('NOT_FOUND');
      const [stars, list] = await Promise.all([
        deps.reviews.distribution(instrumentId),
        deps.reviews.page(instrumentId, page, pageSize, withComment),
      ]);
      const distribution = [1, 2, 3, 4, 5].map((r) => stars.find((s) => s.rating === r)?.n ?? 0);
      const count = distribution.reduce((a, b) => a + b, 0);
      const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
      return {
        // One decimal, as review scores are shown everywhere.
        average: count === 0 ? null : Math.round((sum / count) * 10) / 10,
        count,
        distribution,
        items: list.rows.map((r) => ({
          id: r.id,
          rating: r.rating as number,
          comment: r.comment,
          at: r.at.toISOString(),
          external: r.external,
          organisationType: r.organisationType as OrganisationType,
        })),
        total: list.total,
        page,
        pageSize,
      };
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
