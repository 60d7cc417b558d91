interface ImportMetaEnv {
  /** Comma-separated Jira Data Center origins baked into a test build (docs/surfaces.md); empty otherwise. */
  readonly TANDEM_TEST_JIRA_DC_ORIGINS?: string;
}
