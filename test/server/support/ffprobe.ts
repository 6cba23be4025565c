import { execFile } from 'node:child_process';
import { constants, accessSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/** What a test needs to know about a video file, read by ffprobe (frames counted, not guessed). */
export interface ProbedVideo {
  /** e.g. `h264`, `vp9`. */
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  /** Frames per second from the stream's `r_frame_rate`, e.g. 24. */
  readonly fps: number;
  /** Frames actually decoded (`-count_frames`). */
  readonly frames: number;
  /** Seconds, from the container. */
  readonly duration: number;
  /** ffprobe's demuxer names, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  readonly formatName: string;
  /** The container's major brand when it has one: `isom` for MP4, `qt  ` for QuickTime. */
  readonly majorBrand?: string;
  readonly pixelFormat: string;
}

/** The ffprobe binary: `FFPROBE_PATH`, then `ffprobe` on PATH, then `@ffprobe-installer/ffprobe`. */
export function ffprobePath(): string {
  const fromEnv = process.env.FFPROBE_PATH;
  if (fromEnv) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  const installer = createRequire(import.meta.url)('@ffprobe-installer/ffprobe') as { path: string };
  return installer.path;
}

interface ProbeJson {
  streams?: { codec_name?: string; width?: number; height?: number; r_frame_rate?: string; nb_read_frames?: string; pix_fmt?: string }[];
  format?: { duration?: string; format_name?: string; tags?: { major_brand?: string } };
}

/** Runs ffprobe on a video file and returns its first video stream's facts. */
export function ffprobe(file: string): Promise<ProbedVideo> {
  const args = [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-count_frames',
    '-show_entries',
    'stream=codec_name,width,height,r_frame_rate,nb_read_frames,pix_fmt:format=duration,format_name:format_tags=major_brand',
    '-of',
    'json',
    file,
  ];
  return new Promise((resolve, reject) => {
    execFile(ffprobePath(), args, { maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`ffprobe failed on ${file}: ${stderr || error.message}`));
        return;
      }
      const json = JSON.parse(stdout) as ProbeJson;
      const stream = json.streams?.[0];
      if (!stream) {
        reject(new Error(`ffprobe found no video stream in ${file}`));
        return;
      }
      const [num = 0, den = 1] = (stream.r_frame_rate ?? '0/1').split('/').map(Number);
      const brand = json.format?.tags?.major_brand;
      resolve({
        codec: stream.codec_name ?? '',
        width: stream.width ?? 0,
        height: stream.height ?? 0,
        fps: den === 0 ? 0 : num / den,
        frames: Number(stream.nb_read_frames ?? 0),
        duration: Number(json.format?.duration ?? 0),
        formatName: json.format?.format_name ?? '',
        ...(brand !== undefined && { majorBrand: brand }),
        pixelFormat: stream.pix_fmt ?? '',
      });
    });
  });
}
