mark_composites:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 67                          jb short 0x000000000000013D
      d6:  48 83 fe 04                    cmp rsi,4
      da:  7f 0a                          jg short 0x00000000000000E6
      dc:  b8 00 00 00 00                 mov eax,0
      e1:  49 83 c6 01                    add r14,1
      e5:  c3                             ret
      e6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      ea:  72 51                          jb short 0x000000000000013D
      ec:  b8 02 00 00 00                 mov eax,2
      f1:  b9 04 00 00 00                 mov ecx,4
      f6:  66 0f 1f 84 00 00 00 00 00     nop [rax+rax]
      ff:  90                             nop
     100:  48 39 f1                       cmp rcx,rsi
     103:  7d 1e                          jge short 0x0000000000000123
     105:  66 0f 1f 84 00 00 00 00 00     nop [rax+rax]
     10e:  66 90                          xchg ax,ax
     110:  c6 04 0f 01                    mov byte ptr [rdi+rcx],1
     114:  48 89 f2                       mov rdx,rsi
     117:  48 29 ca                       sub rdx,rcx
     11a:  48 8d 0c 01                    lea rcx,[rcx+rax]
     11e:  48 39 c2                       cmp rdx,rax
     121:  77 ed                          ja short 0x0000000000000110
     123:  48 8d 40 01                    lea rax,[rax+1]
     127:  48 89 c1                       mov rcx,rax
     12a:  48 0f af c8                    imul rcx,rax
     12e:  48 39 f1                       cmp rcx,rsi
     131:  7c cd                          jl short 0x0000000000000100
     133:  b8 00 00 00 00                 mov eax,0
     138:  49 83 c6 01                    add r14,1
     13c:  c3                             ret
     13d:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     145:  e9 29 ff ff ff                 jmp 0x0000000000000073

