import { useEffect, useState } from 'react';
import { qrDataUrl, residentLink } from './qr.ts';

interface PosterProps {
  readonly communityName: string;
  readonly token: string;
  readonly origin: string;
  /** Printed on the sheet itself, so a poster with a link residents cannot open is not put up. */
  readonly addressWarning?: string | null;
}

/** One A4 sheet for a notice board: the community, its QR code, two lines of instructions. */
export function Poster({ communityName, token, origin, addressWarning }: PosterProps) {
  const link = residentLink(origin, token);
  const [qr, setQr] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setQr(null);
    qrDataUrl(link).then(
      (url) => live && setQr(url),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [link]);

  return (
    <section className="print-sheet poster" data-testid="poster">
      <p className="poster-town">九亭镇居民区群众满意度测评</p>
      <h1 className="poster-community">{communityName}</h1>
      <div className="poster-qr">
        {qr ? (
          <img src={qr} alt={`${communityName}测评问卷二维码`} data-link={link} />
        ) : failed ? (
          <p className="warning">二维码生成失败，请刷新页面重试</p>
        ) : (
          <p className="loading">正在生成二维码…</p>
        )}
      </div>
      <ol className="poster-steps">
        <li>请用微信“扫一扫”扫描上方二维码，打开本居民区的满意度测评问卷。</li>
        <li>填写约需 3 分钟，不收集姓名和电话，每户填写一份即可。感谢您的参与！</li>
      </ol>
      <p className="poster-link">{link}</p>
      {addressWarning ? <p className="address-warning">{addressWarning}</p> : null}
    </section>
  );
}
