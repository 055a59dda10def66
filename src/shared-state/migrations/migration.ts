/**
 * One step of the schema. Migrations are TypeScript modules holding SQL rather than `.sql` files,
 * so the build (`tsc`) carries them into `dist/` with the code that expects them.
 */
export interface Migration {
  /** 1, 2, 3 …: applied in this order, each exactly once. */
  version: number;
  name: string;
  sql: string;
}
