/**
 * Random valid scheduled events, each dated inside the horizon and naming existing players and
 * provinces: funding rounds and investments (yuan or USD), acquisitions of one player by another,
 * subsidy caps, fines, suspensions and appetite shocks.
 */
import fc from 'fast-check';
import { AcquisitionEvent, FineEvent, FundingEvent, SubsidyCapEvent, SuspensionEvent, type ScenarioInput } from '../../../sim/scenario/schema.js';
import { compact, legal, optional } from './numbers.js';
import { FORMULA_NAMES, moneyEither, type Frame } from './players.js';

type EventInput = NonNullable<ScenarioInput['events']>[number];

export function event(frame: Frame, playerIds: readonly string[]): fc.Arbitrary<EventInput> {
  const date = fc.integer({ min: 0, max: frame.horizonDays }).map(frame.date);
  const who = fc.constantFrom(...playerIds);
  const appetiteMultiplier = optional(legal(SubsidyCapEvent.shape.appetiteMultiplier, [0.5, 1.5]));
  const note = optional(fc.constantFrom('', 'regulator', ...FORMULA_NAMES));
  const funding = fc
    .record({ kind: fc.constantFrom('funding-round' as const, 'investment' as const), date, player: who, money: moneyEither('amount', FundingEvent.shape.amountYuan, false), note })
    .map(({ money, ...rest }) => compact({ ...rest, ...money }));
  const a = AcquisitionEvent.shape;
  const buyerAndTarget = fc.tuple(who, who).filter(([buyer, target]) => buyer !== target);
  const acquisition = fc
    .record({ date, pair: buyerAndTarget, price: moneyEither('price', a.priceYuan, true), pointsTransferShare: legal(a.pointsTransferShare), adoptersTransferShare: legal(a.adoptersTransferShare), note })
    .map(({ price, pair: [acquirer, player], ...rest }) => compact({ kind: 'acquisition' as const, player, acquirer, ...rest, ...price }));
  const regulation = fc.oneof(
    fc.record({ kind: fc.constant('subsidy-cap' as const), date, maxSubsidyPerOrderYuan: legal(SubsidyCapEvent.shape.maxSubsidyPerOrderYuan, [0, 3]), players: optional(fc.subarray([...playerIds])), appetiteMultiplier, note }).map(compact),
    fc.record({ kind: fc.constant('fine' as const), date, player: who, amountYuan: legal(FineEvent.shape.amountYuan, [0, 1e9]), appetiteMultiplier, note }).map(compact),
    fc.record({ kind: fc.constant('suspension' as const), date, player: who, province: fc.constantFrom(...frame.provinceIds), weeks: legal(SuspensionEvent.shape.weeks, [1, 12]), appetiteMultiplier, note }).map(compact),
    fc.record({ kind: fc.constant('appetite-shock' as const), date, appetiteMultiplier, note }).map(compact),
  );
  const kinds = playerIds.length > 1 ? [funding, acquisition, regulation] : [funding, regulation];
  return fc.oneof(...kinds) as fc.Arbitrary<EventInput>;
}
