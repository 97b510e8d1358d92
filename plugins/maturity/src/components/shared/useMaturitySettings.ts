import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';

/** The backend's settings: whether topics expire and exemptions need reasons. */
export function useMaturitySettings() {
  const api = useApi(maturityApiRef);
  return useAsync(() => api.getSettings(), [api]);
}
