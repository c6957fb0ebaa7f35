/** YAML rendering lives with the workflow rendering (a lower layer both hosts and workflows use). */
export { renderYaml, wrapComment, YAML_LINE_WIDTH } from '../workflows/yaml.js';
