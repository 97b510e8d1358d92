export { MaturityPage, NfsMaturityPage } from './MaturityPage';
