// daikon ships no types; the header reader declares the few members it uses.
declare module 'daikon' {
  const daikon: unknown
  export default daikon
}
