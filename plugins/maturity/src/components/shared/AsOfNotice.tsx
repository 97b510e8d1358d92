import { AsOfAnswer } from '@cnmm/backstage-plugin-maturity-common';
import { Alert } from '@material-ui/lab';
import { AsOfView, formatDay } from './asOfView';

/**
 * What a view of the past answers for: the day of the answer, whose scope
 * is today's catalog (`scopeAsOf: "now"`: the catalog keeps no history),
 * and the moment its marks compare with. Nothing when the view is of now.
 */
export function AsOfNotice(props: { answer?: AsOfAnswer; view: AsOfView }) {
  const { answer, view } = props;
  const asOf = answer?.asOf;
  if (!asOf && !view.compareLabel) return null;
  return (
    <Alert severity="info" role="note">
      {asOf && (
        <div>
          As of {formatDay(asOf)}; teams and ownership as in today's catalog.
        </div>
      )}
      {view.compareLabel && (
        <div>
          Compared with {view.compareLabel}: ▲ higher, ▼ lower than then; the
          earlier level is in each cell's tooltip.
        </div>
      )}
    </Alert>
  );
}
