import { cnmm4Model } from './cnmm4';
import { parseMaturityModel } from './loadModel';
import type { MaturityModel } from './schema';

/** The bundled CNCF Cloud Native Maturity Model 4.0, validated. @public */
export const defaultMaturityModel: MaturityModel = parseMaturityModel(
  cnmm4Model,
  'the bundled CNMM 4.0 model',
);

/** The name of a level ("Build" … "Adapt"); "Not started" for 0. @public */
export function levelName(
  model: Pick<MaturityModel, 'levels'>,
  level: number | null,
): string {
  if (level === null) return 'Not assessed';
  if (level === 0) return 'Not started';
  return model.levels.find(l => l.level === level)?.name ?? `Level ${level}`;
}
