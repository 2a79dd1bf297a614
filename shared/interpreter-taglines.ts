/**
 * "Free language help" taglines in the languages most spoken in the U.S. after English, worded as
 * the HHS Office for Civil Rights sample taglines for Section 1557 notices are. Each names the
 * phone number to call; a family letter carries them so that anyone who cannot read it can ask.
 */
const TAGLINES: { language: string; lang: string; text: (phone: string) => string }[] = [
  { language: 'Español', lang: 'es', text: (phone) => `ATENCIÓN: si habla español, tiene a su disposición servicios gratuitos de asistencia lingüística. Llame al ${phone}.` },
  { language: '繁體中文', lang: 'zh-Hant', text: (phone) => `注意：如果您使用繁體中文，您可以免費獲得語言援助服務。請致電 ${phone}。` },
  { language: 'Tiếng Việt', lang: 'vi', text: (phone) => `CHÚ Ý: Nếu bạn nói Tiếng Việt, có các dịch vụ hỗ trợ ngôn ngữ miễn phí dành cho bạn. Gọi số ${phone}.` },
  { language: 'Tagalog', lang: 'tl', text: (phone) => `PAUNAWA: Kung nagsasalita ka ng Tagalog, maaari kang gumamit ng mga serbisyo ng tulong sa wika nang walang bayad. Tumawag sa ${phone}.` },
  { language: '한국어', lang: 'ko', text: (phone) => `주의: 한국어를 사용하시는 경우, 언어 지원 서비스를 무료로 이용하실 수 있습니다. ${phone} 번으로 전화해 주십시오.` },
  { language: 'Русский', lang: 'ru', text: (phone) => `ВНИМАНИЕ: Если вы говорите на русском языке, то вам доступны бесплатные услуги перевода. Звоните ${phone}.` },
  { language: 'Kreyòl Ayisyen', lang: 'ht', text: (phone) => `ATANSYON: Si w pale Kreyòl ayisyen, gen sèvis èd pou lang ki disponib gratis pou ou. Rele ${phone}.` },
  { language: 'English', lang: 'en', text: (phone) => `ATTENTION: If you speak English, language assistance services, free of charge, are available to you. Call ${phone}.` },
];

/** The taglines for a letter written in `writtenIn` (its own language's tagline is left out), each with its BCP 47 tag for screen readers. */
export function interpreterTaglines(writtenIn: 'en' | 'es', phone: string): { lang: string; text: string }[] {
  return TAGLINES.filter((tagline) => tagline.lang !== writtenIn).map((tagline) => ({ lang: tagline.lang, text: tagline.text(phone) }));
}
