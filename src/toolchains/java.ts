/**
 * Java: Maven (pom.xml, modules, `maven.deploy.skip`) or Gradle (settings/build scripts with
 * `maven-publish`), and their wrappers. Published as groupId:artifactId. Pure.
 */
import {
  has,
  joinPath,
  type Ignored,
  type PackageCandidate,
  type RepoFiles,
  type Toolchain,
  aptInstall,
  type ProjectFacts,
  type SetupStep,
  type ToolchainCi,
} from './types.js';
import { children, parseXml, text } from './xml.js';

function deploySkipped(project: unknown): boolean {
  const props = children(project, 'properties')[0];
  if (text(props, 'maven.deploy.skip') === 'true') return true;
  const plugins = children(children(project, 'build')[0], 'plugins')[0];
  return children(plugins, 'plugin').some(
    (p) =>
      text(p, 'artifactId') === 'maven-deploy-plugin' &&
      text(children(p, 'configuration')[0], 'skip') === 'true',
  );
}

function maven(files: RepoFiles) {
  const packages: PackageCandidate[] = [];
  const ignored: Ignored[] = [];
  const visit = (dir: string, parentGroup: string | undefined, depth: number) => {
    const path = joinPath(dir, 'pom.xml');
    const project = parseXml(files.read(path))?.['project'];
    if (project === undefined) {
      ignored.push({ path, reason: has(files, path) ? 'not valid XML' : 'module without pom.xml' });
      return;
    }
    const group =
      text(project, 'groupId') ?? text(children(project, 'parent')[0], 'groupId') ?? parentGroup;
    const artifact = text(project, 'artifactId');
    const packaging = text(project, 'packaging') ?? 'jar';
    const modules = children(children(project, 'modules')[0], 'module').filter(
      (m): m is string => typeof m === 'string',
    );
    if (deploySkipped(project)) ignored.push({ path, reason: 'maven.deploy.skip' });
    else if (packaging === 'pom' && modules.length > 0)
      ignored.push({ path, reason: 'aggregator (packaging pom)' });
    else if (artifact === undefined || group === undefined)
      ignored.push({ path, reason: 'no groupId/artifactId' });
    else
      packages.push({ toolchain: 'java', registry: 'maven', name: `${group}:${artifact}`, path });
    if (depth < 4)
      for (const m of modules) visit(joinPath(dir, m.replace(/\/$/, '')), group, depth + 1);
  };
  visit('', undefined, 0);
  return { packages, ignored };
}

function gradle(files: RepoFiles) {
  const settings = files.read('settings.gradle.kts') ?? files.read('settings.gradle') ?? '';
  const build = files.read('build.gradle.kts') ?? files.read('build.gradle') ?? '';
  const name = /rootProject\.name\s*=\s*['"]([^'"]+)['"]/.exec(settings)?.[1];
  const group = /^\s*group\s*=\s*['"]([^'"]+)['"]/m.exec(build)?.[1];
  const path = has(files, 'build.gradle.kts') ? 'build.gradle.kts' : 'build.gradle';
  if (!/maven-publish|com\.vanniktech\.maven\.publish/.test(build))
    return { packages: [], ignored: [{ path, reason: 'no maven-publish plugin' }] };
  if (name === undefined || group === undefined)
    return { packages: [], ignored: [{ path, reason: 'no literal group and rootProject.name' }] };
  return {
    packages: [
      { toolchain: 'java' as const, registry: 'maven' as const, name: `${group}:${name}`, path },
    ],
    ignored: [],
  };
}

export const JAVA_VERSION = '21';
/** Where the build stages the Maven repository layout that is bundled for Maven Central. */
export const MAVEN_STAGING = 'target/staging-deploy';

export const setupJava: SetupStep = {
  name: 'Set up Java (no dependency cache)',
  action: 'actions/setup-java',
  with: { distribution: 'temurin', 'java-version': JAVA_VERSION },
};

/** The build tool: the committed wrapper when there is one (the version the project pins). */
function buildTool(pm: string, facts: ProjectFacts): string {
  const wrapper = facts.wrapper === true;
  if (pm === 'gradle') return wrapper ? './gradlew --no-daemon' : 'gradle --no-daemon';
  return `${wrapper ? './mvnw' : 'mvn'} --batch-mode --no-transfer-progress`;
}

const javaCi: ToolchainCi = {
  githubSetup: () => [setupJava],
  gitlabImage: (pm) =>
    pm === 'gradle' ? `gradle:8-jdk${JAVA_VERSION}` : `maven:3-eclipse-temurin-${JAVA_VERSION}`,
  gitlabBuildPrepare: () => aptInstall('unzip'),
  commands(pm, facts) {
    const tool = buildTool(pm, facts);
    if (pm === 'gradle')
      return {
        install: `${tool} dependencies`,
        test: `${tool} check`,
        // Gradle reads maven.repo.local for mavenLocal(): the staging folder gets the layout.
        pack: `${tool} publishToMavenLocal -Dmaven.repo.local="$PWD/${MAVEN_STAGING}"`,
      };
    // No native advisory check without a third-party API key: OSV-Scanner reads pom.xml.
    return {
      install: `${tool} dependency:go-offline`,
      test: `${tool} verify`,
      pack: `${tool} deploy -DskipTests \\\n  -DaltDeploymentRepository=local::file:./${MAVEN_STAGING}`,
    };
  },
  dependabotEcosystem: (pm) => (pm === 'gradle' ? 'gradle' : 'maven'),
  codeqlLanguage: 'java-kotlin',
};

export const java: Toolchain = {
  id: 'java',
  ci: javaCi,
  wants: (path) =>
    /(?:^|\/)pom\.xml$/.test(path) || /^(?:settings|build)\.gradle(?:\.kts)?$/.test(path),
  detect(files) {
    const isMaven = has(files, 'pom.xml');
    const isGradle = [
      'build.gradle',
      'build.gradle.kts',
      'settings.gradle',
      'settings.gradle.kts',
    ].some((p) => has(files, p));
    if (!isMaven && !isGradle) return undefined;
    const tool = isMaven ? 'maven' : 'gradle';
    const wrapper = isMaven ? has(files, 'mvnw') : has(files, 'gradlew');
    const found = isMaven ? maven(files) : gradle(files);
    return {
      toolchain: 'java',
      packageManager: tool,
      packageManagerEvidence: isMaven ? 'pom.xml' : 'build.gradle',
      ...found,
      facts: {
        wrapper,
        command: wrapper ? (isMaven ? './mvnw' : './gradlew') : isMaven ? 'mvn' : 'gradle',
      },
    };
  },
};
