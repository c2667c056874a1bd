import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { deriveDriverVersion, latestStableTag, pinnedVersion } from '../src/drivers/derive.js'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import { driversStage } from '../src/stages/drivers.js'
import { FileStore } from '../src/store/file.js'
import { recordingLogger } from './support/drivers-fixtures.js'
import { gitRepo, type GitRepo } from './support/git-repo.js'

// cmake files in the shapes Falco used over the years (written for this test).
const sysdigCmake = (sha: string) =>
  `if(NOT SYSDIG_VERSION)\n  set(SYSDIG_VERSION "${sha}")\n  set(SYSDIG_CHECKSUM "SHA256=00")\nendif()\nset(PROBE_VERSION "\${SYSDIG_VERSION}")\n`
const libsCmake = (sha: string) =>
  `if(FALCOSECURITY_LIBS_SOURCE_DIR)\n  set(FALCOSECURITY_LIBS_VERSION "local")\nelse()\n  if(NOT FALCOSECURITY_LIBS_VERSION)\n    set(FALCOSECURITY_LIBS_VERSION "${sha}")\n  endif()\nendif()\nset(DRIVER_VERSION "\${FALCOSECURITY_LIBS_VERSION}")\n`
const driverCmake = (v: string) =>
  `if(DRIVER_SOURCE_DIR)\n\tset(DRIVER_VERSION "0.0.0-local")\nelse()\n\tif(NOT DRIVER_VERSION)\n\t\tset(DRIVER_VERSION "${v}")\n\t\tset(DRIVER_CHECKSUM\n\t\t\t"SHA256=00")\n\tendif()\nendif()\n`

const SYSDIG_SHA = '2aa88dcf6243982697811df4c1b484bcbe9488a2'
const LIBS_SHA = '39ae7d40496793cf3d3e7890c9bbdc202263836b'

const repos: GitRepo[] = []
afterAll(() => repos.forEach((r) => rmSync(r.dir, { recursive: true, force: true })))

/** A Falco-like history: each release tag pins another driver version in another layout. */
function falcoHistory(): GitRepo {
  const repo = gitRepo()
  repos.push(repo)
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo.dir, file)), { recursive: true })
    writeFileSync(path.join(repo.dir, file), text)
    repo.git('add', file)
  }
  write('cmake/modules/sysdig.cmake', sysdigCmake(SYSDIG_SHA))
  repo.tag('0.26.0', repo.commit('0.26.0'))
  repo.git('rm', '-q', 'cmake/modules/sysdig.cmake')
  write('cmake/modules/falcosecurity-libs.cmake', libsCmake(LIBS_SHA))
  repo.tag('0.32.0', repo.commit('0.32.0'))
  write('cmake/modules/driver.cmake', driverCmake('3.0.1+driver'))
  repo.tag('0.33.0', repo.commit('0.33.0'))
  write('cmake/modules/driver.cmake', driverCmake('10.2.0+driver'))
  repo.tag('0.44.1', repo.commit('0.44.1'))
  write('cmake/modules/driver.cmake', driverCmake('11.0.0+driver'))
  repo.tag('0.45.0-rc1', repo.commit('0.45.0-rc1'))
  repo.tag('agent/0.85.0')
  write('cmake/modules/driver.cmake', driverCmake('12.0.0+driver'))
  repo.commit('unreleased work on master')
  return repo
}

describe('driver-versions: auto', () => {
  it('reads the pinned value, not the local-build placeholder', () => {
    expect(pinnedVersion(driverCmake('8.0.0+driver'), 'DRIVER_VERSION')).toBe('8.0.0+driver')
    expect(pinnedVersion(libsCmake(LIBS_SHA), 'FALCOSECURITY_LIBS_VERSION')).toBe(LIBS_SHA)
    expect(pinnedVersion(libsCmake(LIBS_SHA), 'DRIVER_VERSION')).toBeUndefined()
    expect(latestStableTag(['0.9.0', '0.44.1', '0.45.0-rc1', 'agent/0.85.0', 'v0.10.0'])).toBe(
      '0.44.1'
    )
  })

  it("takes the latest stable tag's pin, in each of Falco's layouts", async () => {
    const repo = falcoHistory()
    expect(await deriveDriverVersion(repo.dir)).toEqual({
      driverVersion: '10.2.0+driver',
      tag: '0.44.1',
      file: 'cmake/modules/driver.cmake'
    })
    repo.git('tag', '-d', '0.44.1', '0.33.0')
    expect(await deriveDriverVersion(repo.dir)).toEqual({
      driverVersion: LIBS_SHA,
      tag: '0.32.0',
      file: 'cmake/modules/falcosecurity-libs.cmake'
    })
    repo.git('tag', '-d', '0.32.0')
    expect(await deriveDriverVersion(repo.dir)).toEqual({
      driverVersion: SYSDIG_SHA,
      tag: '0.26.0',
      file: 'cmake/modules/sysdig.cmake'
    })
    repo.git('tag', '-d', '0.26.0')
    await expect(deriveDriverVersion(repo.dir)).rejects.toThrow(
      /no stable release tag in .*fetch-depth: 0/
    )
  })

  it('the plan builds the derived version beside the listed ones and says where it came from', async () => {
    const repo = falcoHistory()
    const config = (kr: string) =>
      `kernelversion: 1\nkernelrelease: ${kr}\ntarget: debian\noutput:\n  module: m.ko\n`
    for (const v of ['10.2.0+driver', '7.0.0+driver']) {
      mkdirSync(path.join(repo.dir, 'grid', v, 'x86_64'), { recursive: true })
      writeFileSync(
        path.join(repo.dir, 'grid', v, 'x86_64', 'debian_6.1.0-1-amd64_1.yaml'),
        config('6.1.0-1-amd64')
      )
    }
    const log = recordingLogger()
    const ctx: StageContext = {
      release: {
        channel: 'stable',
        version: '0.44.1',
        prerelease: false,
        latest: true,
        reason: 't',
        sha: 'a'
      },
      inputs: readInputs(
        (n) => ({ 'drivers-config': 'grid', 'driver-versions': 'auto, 7.0.0+driver' })[n]
      ),
      store: new FileStore(path.join(repo.dir, 'public')),
      log,
      workspace: repo.dir,
      workdir: path.join(repo.dir, 'tmp')
    }
    const plan = await driversStage.plan(ctx)
    expect(plan.operations.filter((o) => o.action === 'build').map((o) => o.source)).toEqual([
      '10.2.0+driver/x86_64/debian_6.1.0-1-amd64_1.yaml',
      '7.0.0+driver/x86_64/debian_6.1.0-1-amd64_1.yaml'
    ])
    expect(
      plan.operations.find((o) => o.target === 'driver/site/10.2.0+driver.json')?.reason
    ).toMatch(
      /10\.2\.0\+driver is driver-versions: auto, pinned in cmake\/modules\/driver\.cmake at tag 0\.44\.1/
    )
    expect(log.lines).toContainEqual({
      level: 'info',
      message: 'driver-versions: auto is 10.2.0+driver (cmake/modules/driver.cmake at tag 0.44.1)'
    })
  })
})
