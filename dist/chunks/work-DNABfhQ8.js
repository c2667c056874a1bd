/**
 * Whether a stage has anything to do in this run, read from the release and the inputs alone.
 * A stage without work plans nothing, so its code and libraries (OpenPGP for packages, the
 * registry's HTTP client for containers, YAML for drivers) are not loaded at all: a run that only
 * publishes packages does not compile the container client. Each stage's plan starts with the
 * same test, so the two cannot disagree.
 */
const hasWork = {
    // The GitHub release of a tag: for stable releases and prereleases, when asked for.
    release: ({ release, inputs }) => release.tag !== undefined &&
        (release.channel === 'stable' || release.prerelease) &&
        (inputs.release.body !== '' || inputs.release.assets.length > 0 || inputs.release.notes !== ''),
    // Verify checks what the others publish: it has work when they do, unless turned off.
    verify: (ctx) => ctx.inputs.verify.enabled &&
        (hasWork.packages(ctx) || hasWork.containers(ctx) || hasWork.drivers(ctx)),
    packages: ({ release, inputs }) => release.channel !== 'none' &&
        (inputs.packages.length > 0 || inputs.packaging.remove.length > 0),
    containers: ({ inputs }) => inputs.containers.images.length > 0,
    drivers: ({ release, inputs: { drivers } }) => release.channel !== 'none' &&
        drivers.versions.length > 0 &&
        (drivers.config !== '' || drivers.shard.mode === 'index')
};

export { hasWork as h };
