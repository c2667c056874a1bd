/** A package file that cannot be published: names the file and what is wrong with it. */
export class PackageFormatError extends Error {
  constructor(
    readonly file: string,
    problem: string
  ) {
    super(`${file}: ${problem}`)
    this.name = 'PackageFormatError'
  }
}
