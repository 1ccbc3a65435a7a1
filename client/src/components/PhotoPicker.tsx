import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { MAX_PHOTOS } from '@linli/shared';
import { ensurePrivacy } from '../services/privacy';
import { errorMessage } from '../services/request';
import { uploadPhoto } from '../services/uploads';

/**
 * Picks photos (camera or album) once the user has agreed to 隐私授权 (the page mounts
 * <PrivacyPopup />), uploads each at once, and reports the uploaded keys.
 */
export function PhotoPicker({ onChange, max = MAX_PHOTOS, label = '添加照片' }: { onChange: (keys: string[]) => void; max?: number; label?: string }) {
  const [photos, setPhotos] = useState<{ preview: string; key: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async () => {
    setError(null);
    if (!(await ensurePrivacy('photos'))) {
      setError('未同意隐私保护指引，无法添加照片');
      return;
    }
    let chosen: Taro.chooseImage.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseImage({ count: max - photos.length, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
    } catch {
      return; // cancelled
    }
    setBusy(true);
    try {
      const added: { preview: string; key: string }[] = [];
      for (const f of chosen.tempFiles) {
        const file = f as { path: string; size: number; type?: string; originalFileObj?: { type?: string } };
        added.push({ preview: file.path, key: await uploadPhoto({ path: file.path, size: file.size, type: file.type ?? file.originalFileObj?.type }) });
      }
      const next = [...photos, ...added].slice(0, max);
      setPhotos(next);
      onChange(next.map((p) => p.key));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = (i: number) => {
    const next = photos.filter((_, j) => j !== i);
    setPhotos(next);
    onChange(next.map((p) => p.key));
  };

  return (
    <View>
      <View className='row wrap'>
        {photos.map((p, i) => (
          <View key={p.key} style={{ position: 'relative', marginRight: '12px', marginBottom: '12px' }} data-testid='photo-thumb'>
            <Image src={p.preview} mode='aspectFill' style={{ width: '140px', height: '140px', borderRadius: '8px' }} />
            <Text style={{ position: 'absolute', right: '4px', top: '0', color: '#fff', textShadow: '0 0 4px #000' }} onClick={() => remove(i)}>
              ✕
            </Text>
          </View>
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
