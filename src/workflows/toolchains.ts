/**
 * How each toolchain is installed: GitHub setup steps (pinned actions, never with a dependency
 * cache) and GitLab CI images. Pure data.
 */
import { RUST_SETUP } from '../registries/shared.js';
import type { Toolchain } from '../registries/types.js';

/** A setup step before pinning: an action from the manifest, or a shell script. */
export type SetupStep =
  | {
      readonly name: string;
      readonly action: string;
      readonly with: Record<string, string | boolean>;
    }
  | { readonly name: string; readonly run: string };

export const NODE_VERSION = '24';

export const githubSetup: Readonly<Record<Toolchain, SetupStep>> = {
  node: {
    name: 'Set up Node.js (no dependency cache)',
    action: 'actions/setup-node',
    // setup-node v5+ turns a cache on by itself when package.json names its package manager.
    with: { 'node-version': NODE_VERSION, 'package-manager-cache': false },
  },
  python: {
    name: 'Set up Python (no dependency cache)',
    action: 'actions/setup-python',
    with: { 'python-version': '3.13' },
  },
  rust: {
    name: 'Set up Rust (stable, minimal profile)',
    run: RUST_SETUP,
  },
  ruby: {
    name: 'Set up Ruby (no bundler cache)',
    action: 'ruby/setup-ruby',
    with: { 'ruby-version': 'ruby', 'bundler-cache': false },
  },
  dotnet: {
    name: 'Set up .NET',
    action: 'actions/setup-dotnet',
    with: { 'dotnet-version': '10.0.x' },
  },
  dart: { name: 'Set up Dart', action: 'dart-lang/setup-dart', with: { sdk: 'stable' } },
  java: {
    name: 'Set up Java (no dependency cache)',
    action: 'actions/setup-java',
    with: { distribution: 'temurin', 'java-version': '21' },
  },
};

export interface GitlabToolchain {
  readonly image: string;
  /** Installs what the image lacks for the release build (git, unzip). */
  readonly prepare?: string;
}

const aptInstall = (packages: string) =>
  `apt-get update -qq\napt-get install -y -qq --no-install-recommends ${packages}`;

export const gitlabToolchains: Readonly<Record<Toolchain, GitlabToolchain>> = {
  node: { image: `node:${NODE_VERSION}-bookworm` },
  python: { image: 'python:3.13-bookworm' },
  rust: { image: 'rust:1-bookworm' },
  ruby: { image: 'ruby:3.4-bookworm' },
  dotnet: { image: 'mcr.microsoft.com/dotnet/sdk:10.0', prepare: aptInstall('unzip') },
  dart: { image: 'dart:stable', prepare: aptInstall('git') },
  java: { image: 'maven:3-eclipse-temurin-21', prepare: aptInstall('unzip') },
};

/** Image for jobs that need only a shell (and make) when the project's toolchain is unknown. */
export const GITLAB_GENERIC_IMAGE = 'buildpack-deps:bookworm';
export const GITLAB_SHELL_IMAGE = 'debian:bookworm-slim';
export const GITLAB_NODE_IMAGE = `node:${NODE_VERSION}-bookworm`;
export const GITLAB_GO_IMAGE = 'golang:1.25-bookworm';
