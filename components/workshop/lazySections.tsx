'use client';

import dynamic from 'next/dynamic';

/**
 * The persona's sections a phone does not open on (journey, action plan, the profile editor),
 * loaded when first shown: the participant page's first screen is the empathy map, and its
 * JavaScript is what a phone on venue Wi-Fi waits for.
 */
const loading = () => <p className="p-3 text-slate-700">Loading…</p>;

export const JourneyBoard = dynamic(() => import('../journey/JourneyBoard').then((m) => m.JourneyBoard), { loading });
export const ActionPlan = dynamic(() => import('../actions/ActionPlan').then((m) => m.ActionPlan), { loading });
export const ProfileCard = dynamic(() => import('../persona/ProfileCard').then((m) => m.ProfileCard), { loading });
