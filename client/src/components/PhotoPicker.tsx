import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { MAX_PHOTOS } from '@linli/shared/plain';
import { ensurePrivacy } from '../services/privacy';
import { errorMessage } from '../services/request';
import { uploadPhoto } from '../services/uploads';
import './PhotoPicker.css';

/** An uploaded photo: its storage key and what the phone shows of it. */
export interface PickedPhoto {
  preview: string;
  key: string;
}

interface ChosenFile {
  path: string;
  size: number;
  type?: string;
}

/**
 * Photos from the camera or the album: `Taro.chooseMedia` (images only), or `chooseImage` where a
 * mini-program base library lacks chooseMedia. H5's chooseMedia is a file input (camera or album).
 */
async function choosePhotos(count: number): Promise<ChosenFile[]> {
  const hasMedia = typeof Taro.chooseMedia === 'function' && (process.env.TARO_ENV !== 'weapp' || Taro.canIUse('chooseMedia'));
  if (hasMedia) {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] });
    return res.tempFiles.map((f) => ({
      path: f.tempFilePath,
      size: f.size,
      // weapp says "image"; H5 gives the MIME type (or the browser File's).
      type: /^image\//.test(f.fileType ?? '') ? f.fileType : f.originalFileObj?.type,
    }));
  }
  const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
  return res.tempFiles.map((f) => {
    const file = f as { path: string; size: number; type?: string; originalFileObj?: { type?: string } };
    return { path: file.path, size: file.size, type: file.type ?? file.originalFileObj?.type };
  });
}

/** A thumbnail; a photo kept in a draft whose preview is gone (the app was closed) says it is uploaded. */
function Thumb({ photo, index, onRemove }: { photo: PickedPhoto; index: number; onRemove: () => void }) {
  const [broken, setBroken] = useState(false);
  return (
    <View className='pp-thumb' data-testid='photo-thumb'>
      {broken ? (
        <View className='pp-missing'>第 {index + 1} 张照片已上传</View>
      ) : (
        <Image className='pp-image' src={photo.preview} mode='aspectFill' onError={() => setBroken(true)} />
      )}
      <View className='pp-remove' data-testid='photo-remove' aria-label='删除这张照片' onClick={onRemove}>
        ✕
      </View>
    </View>
  );
}

/**
 * Picks photos (camera or album) once the user has agreed to 隐私授权 (the page mounts
 * <PrivacyPopup />), uploads each at once, and reports the uploaded keys (and, to keep them in a
 * draft, the photos). `initial`: photos already uploaded (a restored draft). Removing one asks first.
 */
export function PhotoPicker({
  onChange,
  onPhotos,
  initial = [],
  max = MAX_PHOTOS,
  label = '添加照片',
}: {
  onChange: (keys: string[]) => void;
  onPhotos?: (photos: PickedPhoto[]) => void;
  initial?: PickedPhoto[];
  max?: number;
  label?: string;
}) {
  const [photos, setPhotos] = useState<PickedPhoto[]>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const update = (next: PickedPhoto[]) => {
    setPhotos(next);
    onChange(next.map((p) => p.key));
    onPhotos?.(next);
  };

  const pick = async () => {
    if (busy) return;
    setError(null);
    if (!(await ensurePrivacy('photos'))) {
      setError('未同意隐私保护指引，无法添加照片');
      return;
    }
    let chosen: ChosenFile[];
    try {
      chosen = await choosePhotos(max - photos.length);
    } catch {
      return; // cancelled
    }
    setBusy(true);
    try {
      const added: PickedPhoto[] = [];
      for (const file of chosen) added.push({ preview: file.path, key: await uploadPhoto(file) });
      update([...photos, ...added].slice(0, max));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (key: string) => {
    const { confirm } = await Taro.showModal({ title: '删除这张照片？', content: '删除后可以重新添加。', confirmText: '删除', cancelText: '保留', confirmColor: '#c8372d' });
    if (confirm) update(photos.filter((p) => p.key !== key));
  };

  return (
    <View>
      <View className='row wrap'>
        {photos.map((p, i) => (
          <Thumb key={p.key} photo={p} index={i} onRemove={() => void remove(p.key)} />
        ))}
        {photos.length < max && (
          <View className='chip' data-testid='add-photo' onClick={() => void pick()}>
            {busy ? '上传中…' : `📷 ${label}`}
          </View>
        )}
      </View>
      {error && (
        <View className='field-error' data-testid='photo-error'>
          {error}
        </View>
      )}
    </View>
  );
}
