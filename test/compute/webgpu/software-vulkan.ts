/**
 * For `npm run test:gpu` (PLATEAU_GPU_TESTS=1) on a machine without a GPU: point the Vulkan loader
 * at SwiftShader (Debian's chromium-common ships it) before Dawn starts, unless the environment
 * already names a driver. Import this first in a GPU test file; each file runs in its own process.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SWIFTSHADER_ICDS = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib/chromium-browser/vk_swiftshader_icd.json'];

export const softwareVulkan: string | undefined =
  process.env.PLATEAU_GPU_TESTS === '1' && !process.env.VK_ICD_FILENAMES ? SWIFTSHADER_ICDS.find((p) => existsSync(p)) : undefined;

if (softwareVulkan) {
  process.env.VK_ICD_FILENAMES = softwareVulkan;
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'plateau-xdg-'));
}
