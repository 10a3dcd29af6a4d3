/** What is collected, why, and how it is used — before the first question. */
export function PrivacyNotice() {
  return (
    <section className="notice" aria-label="填写须知">
      <p>
        本问卷用于九亭镇对居民区（居委会）工作的年度考核，约需 3
        分钟。只收集您的答案和门牌地址（用于每户只计一次），
        <strong>不收集姓名、电话等个人信息</strong>。答案仅以汇总形式使用，不会单独公开。
      </p>
    </section>
  );
}
