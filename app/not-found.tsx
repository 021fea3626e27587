import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-col gap-4 p-8">
      <h1 className="text-2xl font-bold">That is not a workshop address</h1>
      <p className="text-lg">Room codes have 8 letters and digits, like ABCD-2345. Check the code on the big screen.</p>
      <Link href="/" className="btn-primary self-start">
        Go to the join page
      </Link>
    </main>
  );
}
