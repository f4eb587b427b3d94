/** The package name, used as `plugin` in every error and registry entry this plugin makes. */
export const PLUGIN_NAME = '@hepuq/plugin-ensembles';
