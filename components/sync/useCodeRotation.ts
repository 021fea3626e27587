'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Follows a rotated room code: `remember` stores this device's session under the new code,
 * then the page moves to the new address (the old code keeps working for members meanwhile).
 */
export function useCodeRotation(
  newCode: string | null,
  code: string,
  path: (code: string) => string,
  remember: (newCode: string) => void,
): void {
  const router = useRouter();
  useEffect(() => {
    if (!newCode || newCode === code) return;
    remember(newCode);
    router.replace(path(newCode));
  }, [newCode, code, path, remember, router]);
}
