import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef } from 'react';

export interface PickedFile {
  name: string;
  text: string;
}

/** A browser file as text: UTF-8, or GBK (an Excel CSV saved by a Chinese Windows) when it is not valid UTF-8. */
function readBrowserFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const buf = reader.result as ArrayBuffer;
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(buf));
      } catch {
        try {
          resolve(new TextDecoder('gbk').decode(buf));
        } catch {
          resolve(new TextDecoder('utf-8').decode(buf));
        }
      }
    };
    reader.readAsArrayBuffer(file);
  });
}

/** A file sent to the user in a WeChat chat (电脑微信 → 文件传输助手), read as UTF-8 text. */
async function chooseWeappFile(extensions: string[]): Promise<PickedFile | null> {
  let picked: Taro.chooseMessageFile.ChooseFile;
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions });
    picked = res.tempFiles[0]!;
    if (!picked) return null;
  } catch {
    return null; // cancelled
  }
  const text = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: picked.path,
      encoding: 'utf8',
      success: (r) => resolve(String(r.data)),
      fail: (e) => reject(new Error(e.errMsg)),
    }),
  );
  return { name: picked.name, text };
}

/**
 * 选择文件: in H5 a hidden file input opened by the button; in the mini-program a file from a chat
 * (chooseMessageFile), since a phone has no file browser of its own. `onError` gets a Chinese message.
 */
export function FilePicker({
  label,
  testid,
  extensions,
  accept,
  plain,
  onPick,
  onError,
}: {
  label: string;
  testid: string;
  extensions: string[];
  accept: string;
  plain?: boolean;
  onPick: (file: PickedFile) => void;
  onError: (message: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const className = plain ? 'btn-plain' : 'btn';

  if (process.env.TARO_ENV === 'h5') {
    const changed = async (e: { target: HTMLInputElement }) => {
      const el = e.target;
      const file = el.files?.[0];
      if (!file) return;
      try {
        onPick({ name: file.name, text: await readBrowserFile(file) });
      } catch {
        onError(`无法读取「${file.name}」，请重新选择`);
      } finally {
        el.value = ''; // choosing the same file again (after fixing it) reads it again
      }
    };
    return (
      <View>
        <input ref={input} type='file' accept={accept} style={{ display: 'none' }} data-testid={`${testid}-input`} onChange={(e) => void changed(e)} />
        <Button className={className} data-testid={`pick-${testid}`} onClick={() => input.current?.click()}>
          {label}
        </Button>
      </View>
    );
  }

  const choose = async () => {
    try {
      const file = await chooseWeappFile(extensions);
      if (file) onPick(file);
    } catch {
      onError('无法读取所选文件，请重新选择');
    }
  };
  return (
    <Button className={className} data-testid={`pick-${testid}`} onClick={() => void choose()}>
      {label}
    </Button>
  );
}
