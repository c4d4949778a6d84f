# messages: plain.eml
require ["variables", "fileinto"];
set  "v0" "";
set :lower "v1" "";
set :upper "v2" "";
set :lowerfirst "v3" "";
set :upperfirst "v4" "";
set :quotewildcard "v5" "";
set :length "v6" "";
set :upper :lowerfirst "v7" "";
set :lower :upperfirst "v8" "";
set :length :quotewildcard "v9" "";
set :upperfirst :quotewildcard "v10" "";
set :lower :length "v11" "";
fileinto "m0:[${v0}][${v1}][${v2}][${v3}]";
fileinto "m4:[${v4}][${v5}][${v6}][${v7}]";
fileinto "m8:[${v8}][${v9}][${v10}][${v11}]";
