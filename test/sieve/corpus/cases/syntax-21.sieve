# messages: plain.eml
if anyof true { keep; }
