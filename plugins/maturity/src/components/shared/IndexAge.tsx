import Typography from '@material-ui/core/Typography';

const MINUTE_MS = 60 * 1000;

function age(indexedAt: string, now: Date): string {
  const minutes = Math.floor(
    (now.getTime() - new Date(indexedAt).getTime()) / MINUTE_MS,
  );
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/**
 * When owners, systems and the group tree were last read from the catalog:
 * scorecards are computed over the plugin's index, which can lag behind.
 */
export function IndexAge(props: { indexedAt?: string; now?: Date }) {
  const { indexedAt, now = new Date() } = props;
  if (!indexedAt) return null;
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      title={new Date(indexedAt).toLocaleString()}
    >
      Catalog data as of {age(indexedAt, now)}
    </Typography>
  );
}
