// Backup and restore of one workspace as a portable JSON document (used by `npm run export` / `npm run import`).
export { BACKUP_FORMAT, BACKUP_VERSION, type BackupDocument, type BackupRow } from './document';
export { exportWorkspace } from './export';
export { importWorkspace, parseBackup } from './import';
export { BACKUP_TABLES, EXCLUDED_TABLES } from './tables';
