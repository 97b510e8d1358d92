export { V3ImportButton, describeImport } from './V3ImportButton';
