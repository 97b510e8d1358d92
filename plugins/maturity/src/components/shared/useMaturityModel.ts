import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';

export function useMaturityModel() {
  const api = useApi(maturityApiRef);
  return useAsync(() => api.getModel(), [api]);
}
