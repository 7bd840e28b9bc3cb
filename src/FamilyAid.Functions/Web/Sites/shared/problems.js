export function sentence(problem) { return (problem && problem.title) || '出错了，请稍后再试。'; }
