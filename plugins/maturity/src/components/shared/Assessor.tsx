import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** A user ref as a link; anything unparsable stays plain text. */
export function Assessor(props: { userRef: string }) {
  try {
    parseEntityRef(props.userRef);
  } catch {
    return <>{props.userRef}</>;
  }
  return <EntityRefLink entityRef={props.userRef} />;
}
