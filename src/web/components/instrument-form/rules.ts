import type { Rule } from 'antd/es/form';
import { instrumentInput } from '../../../shared/api/instruments';
import { bookingRulesSchema } from '../../../shared/booking-rules';
import { zodRule } from '../../lib/zodRule';

/** The server's own field schemas, which the form's rules run. */
export const shape = instrumentInput.shape;
export const rulesShape = bookingRulesSchema.shape;

/** A money field in 元 checked with the server's fen schema. */
export function yuanRule(schema: Parameters<typeof zodRule>[0], optional = false): Rule {
  const inner = zodRule(schema, { optional });
  return {
    validator: async (rule, value: number | null | undefined) => {
      if (typeof inner === 'function') return;
      await inner.validator?.(rule, value === null || value === undefined ? value : Math.round(value * 100), () => {});
    },
  };
}
