import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Link, Typography } from '@material-ui/core';

export function Attribution(props: { model: MaturityModel }) {
  const { attribution, url, title, version } = props.model;
  return (
    <Box mt={2}>
      <Typography variant="caption" color="textSecondary" component="p">
        {attribution.text}. Original:{' '}
        <Link
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          underline="always"
        >
          {title} {version}
        </Link>{' '}
        ·{' '}
        <Link
          href={attribution.licenseUrl}
          target="_blank"
          rel="noopener noreferrer"
          underline="always"
        >
          {attribution.license}
        </Link>
      </Typography>
    </Box>
  );
}
